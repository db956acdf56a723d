print("sparksim")
