// Candado's simulator front panel (SDK 6): the same project as module.ivy, as a subproject of the VEE Port
// multi-project (vee-port/extensions/, SDK6UserGuide/migrateVeePort.rst "Front Panel Project"; the plugin
// version comes from the VEE Port build). Framework only, as VEEPortingGuide/frontpanel.rst shows it.
plugins {
    id("com.microej.gradle.mock-frontpanel")
}

group = "io.candado"
version = "0.1.0"

dependencies {
    implementation("ej.tool.frontpanel:framework:1.1.1")
}
