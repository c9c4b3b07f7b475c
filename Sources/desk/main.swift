import DeskCLI

DeskMain.run()
