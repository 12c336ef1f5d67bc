using Portal.Benchmarks;

return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args.Skip(1).ToArray()),
    "dashboard" => await DashboardBenchmark.RunAsync(args.Skip(1).ToArray()),
    "grid" => await GridBenchmark.RunAsync(args.Skip(1).ToArray()),
    "delete" => await DeleteBenchmark.RunAsync(args.Skip(1).ToArray()),
    "export" => await ExportBenchmark.RunAsync(args.Skip(1).ToArray()),
    "webfones-memory" => await WebFonesMemoryBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Portal.Benchmarks -- ingest|dashboard|grid|delete|export|webfones-memory [--records N] [--database FILE] [--sql]");
    return 2;
}
