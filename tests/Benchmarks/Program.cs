using ChampionNetwork.Benchmarks;

return await BenchmarkCommand.RunAsync(args);
