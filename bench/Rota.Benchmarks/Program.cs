using Rota.Benchmarks.Cli;

return await BenchCommand.RunAsync(args);
