namespace Sia.Bench.Host;

/// <summary>
/// Lets the benchmark script read this process's allocation counter: each "mark" line on stdin is answered
/// with "allocated N" (GC.GetTotalAllocatedBytes, precise) on stdout. The script marks before and after a
/// measured run and divides the difference by the calls made.
/// </summary>
public static class AllocationMarks
{
    public static void Start() => new Thread(Run) { IsBackground = true, Name = "allocation-marks" }.Start();

    private static void Run()
    {
        while (Console.In.ReadLine() is { } line)
        {
            if (line.Trim() == "mark") Console.WriteLine($"allocated {GC.GetTotalAllocatedBytes(precise: true)}");
        }
    }
}
