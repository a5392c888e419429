"""Services: what users do with the register (ledgers, demo, doctor, replica identity), built on the data layer."""
