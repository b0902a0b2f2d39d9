-- The staging database (.DB): in memory, so that the warehouse file is
-- touched only by the final load.
ATTACH ':memory:' AS {{ident .DB}}
