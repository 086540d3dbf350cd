// Candado's simulator mock (SDK 6): the same sources as module.ivy, as a subproject of the VEE Port
// multi-project (vee-port/extensions/, SDK6UserGuide/migrateVeePort.rst "Mock"), added to the VEE Port with
// microejMock(project(...)). Mock API as VEEPortingGuide/mock.rst "Dependencies" names it.
plugins {
    id("com.microej.gradle.mock")
}

group = "io.candado"
version = "0.1.0"

dependencies {
    compileOnly("com.microej.tool.runtime:mock-api:2.5.0")
}
