namespace Portal.Bench;

/// <summary>Percentiles of a set of samples (nearest-rank on the sorted samples).</summary>
public sealed class LatencyStats
{
    private readonly double[] sorted;

    public LatencyStats(IEnumerable<double> samplesMs)
    {
        sorted = samplesMs.ToArray();
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    public double Percentile(double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public override string ToString() => $"p50 {P50,7:0.00} ms  p95 {P95,7:0.00} ms  p99 {P99,7:0.00} ms  max {Max,8:0.00} ms  (n={Count})";
}
