// MicroEJ SDK 6 build of the Candado firmware (same sources as module.ivy, SDK 5). Gradle resolves the
// MicroEJ plugin from MicroEJ's repositories as the SDK 6 installation configures them (SDK6UserGuide).
rootProject.name = "candado"
