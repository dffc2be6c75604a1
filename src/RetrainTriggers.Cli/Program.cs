using RetrainTriggers.Cli;

return CliApp.Run(args, CliConsole.FromProcess());
