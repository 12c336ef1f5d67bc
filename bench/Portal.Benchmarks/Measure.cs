using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// One measured case: wall and CPU time, and memory sampled every 5 ms by a thread of its own: the managed heap
/// (GC.GetTotalMemory(false), garbage included), the heap as the last collection left it (what survived it: the live
/// objects, and garbage of older generations not yet collected) and the process working set. "Extra" is the peak during
/// the case minus the value right before it, after a full compacting collection.
/// </summary>
internal sealed record Measure(string Name, int Rows, long Bytes, double Seconds, double CpuSeconds, long PeakHeap, long PeakWorkingSet, long Allocated)
{
    public long PeakHeapAfterCollection { get; init; }

    public static async Task<Measure> RunAsync(string name, Func<Task<(int Rows, long Bytes)>> run)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var heapBefore = GC.GetTotalMemory(false);
        var workingSetBefore = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = process.TotalProcessorTime;
        long peakHeap = heapBefore, peakWorkingSet = workingSetBefore, peakAfterCollection = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            using var self = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakAfterCollection = Math.Max(peakAfterCollection, GC.GetGCMemoryInfo().GenerationInfo.ToArray().Sum(g => g.SizeAfterBytes));
                peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();

        var watch = Stopwatch.StartNew();
        var (rows, bytes) = await run();
        watch.Stop();
        stop.Cancel();
        sampler.Join();
        process.Refresh();
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        var measure = new Measure(name, rows, bytes, watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, peakHeap - heapBefore, peakWorkingSet - workingSetBefore,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) { PeakHeapAfterCollection = peakAfterCollection - heapBefore };
        Console.WriteLine($"{name}: {rows:N0} rows in {measure.Seconds:F2} s ({measure.CpuSeconds:F2} s CPU), peak extra heap {Mb(measure.PeakHeap)}, working set {Mb(measure.PeakWorkingSet)}");
        return measure;
    }

    /// <summary>The 1-minute load average (Linux): on a shared 2-core machine, wall times mean little without it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
