/* Forced into both translation units of the RNG host probe: register accesses go to an emulation. */
uint32_t candado_fake_read(uintptr_t addr);
void candado_fake_write(uintptr_t addr, uint32_t value);
