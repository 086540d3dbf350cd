/* Forced into both translation units of the host probe: the memory standing in for the registers. */
extern uint32_t candado_fake_gpio[11][256];
extern uint32_t candado_fake_rcc_enr;
