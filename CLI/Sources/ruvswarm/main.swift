import RuvSwarmCLI; RuvSwarmCLI.runMain()
