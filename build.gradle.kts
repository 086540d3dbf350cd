// MicroEJ SDK 6 build of the Candado firmware: the application over src/main/java (Java 7, EDC/NET; the
// firmware API check of `mvn package` enforces it). Entry point, modules and versions are those of
// module.ivy and of the build's API table (candado.pc.build.MicroEjApis): MicroEjBuildFilesTest checks it.
// Build the Bouncy Castle jars as MicroEJ links them first: `mvn -q -B -DskipTests package`
// (target/bc-microej). Virtual Device: `./gradlew buildVirtualDevice` (platform/<board>/README.md).
plugins {
    id("com.microej.gradle.application") version "1.5.0"
}

group = "io.candado"
version = "0.1.0"

microej {
    applicationEntryPoint = "candado.app.Main"
}

repositories {
    mavenCentral()
}

// The user-facing resources/ folder (candado.properties, candado.resources.list) is a resource folder.
sourceSets {
    main {
        resources {
            srcDir("resources")
        }
    }
}

dependencies {
    implementation("ej.api:edc:1.3.7")
    implementation("ej.api:net:1.1.4")
    implementation("ej.api:sni:1.4.3")
    implementation("ej.api:bon:1.4.4")
    implementation("ej.api:security:1.6.0")
    implementation("ej.library.eclasspath:math:1.3.0")
    implementation("ej.library.eclasspath:logging:1.2.1")
    // MicroEJ's MQTT client, the second engine (mqtt.client = micropaho); only candado.app.micropaho uses it.
    implementation("ej.library.iot:micropaho:1.0.0")

    // Bouncy Castle 1.83 -jdk14 rewritten for MicroEJ's limits (never the published jars: SecurityParameters).
    implementation(files(
        "target/bc-microej/bcprov-jdk14-1.83.jar",
        "target/bc-microej/bcutil-jdk14-1.83.jar",
        "target/bc-microej/bctls-jdk14-1.83.jar",
        "target/bc-microej/bcpkix-jdk14-1.83.jar"))

    // The board's VEE Port: a published module or a local folder/archive (SDK6UserGuide, "Select a VEE Port"):
    // microejVee("com.mycompany:nucleo-h723zg-veeport:1.0.0")
    // microejVee(files("/path/to/NUCLEO-H723ZG-VEE-Port"))
}
