using Portal.Benchmarks;

return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Portal.Benchmarks -- ingest [--records N]");
    return 2;
}
