using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;

namespace Portal.Web.Reporting.Rollups;

/// <summary>Rollup sums of one connection × extension × direction × outcome over a range.</summary>
internal sealed record RollupTotals(
    int ConnectionId,
    string Extension,
    CallDirection Direction,
    CallOutcome Outcome,
    int Calls,
    long TalkSeconds,
    long RingSeconds,
    int RingCalls,
    int Talk0, int Talk1, int Talk2, int Talk3, int Talk4, int Talk5, int Talk6, int Talk7)
{
    public int TalkBucket(int index) => index switch
    {
        0 => Talk0, 1 => Talk1, 2 => Talk2, 3 => Talk3, 4 => Talk4, 5 => Talk5, 6 => Talk6, _ => Talk7,
    };
}

/// <summary>Calls of one UTC hour, by outcome, with the inbound ones for the missed-call rate.</summary>
internal sealed record HourTotals(DateTime HourUtc, int Answered, int Missed, int NotConnected, int Failed, int Unknown, int Inbound)
{
    public int Calls => Answered + Missed + NotConnected + Failed + Unknown;
}

/// <summary>Median and 90th percentile of talk times, exact from the values or estimated from the talk-time histogram.</summary>
internal static class TalkPercentiles
{
    /// <summary>The upper end assumed for the last, open histogram bucket (20 min and more).</summary>
    private const int OpenBucketEnd = 3600;

    /// <summary>Linear interpolation between closest ranks (Excel's PERCENTILE.INC); null without values.</summary>
    public static double? Exact(int[] sortedValues, double p)
    {
        if (sortedValues.Length == 0)
        {
            return null;
        }
        var rank = p * (sortedValues.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sortedValues.Length - 1);
        return sortedValues[low] + (rank - low) * (sortedValues[high] - sortedValues[low]);
    }

    /// <summary>The same rank found in the histogram, spread evenly inside its bucket.</summary>
    public static double? Estimate(IReadOnlyList<int> histogram, double p)
    {
        var count = histogram.Sum();
        if (count == 0)
        {
            return null;
        }
        var rank = p * (count - 1);
        var before = 0;
        for (var bucket = 0; bucket < histogram.Count; bucket++)
        {
            if (rank < before + histogram[bucket])
            {
                var low = bucket == 0 ? 0 : TalkBuckets.UpperBounds[bucket - 1];
                var high = bucket == histogram.Count - 1 ? Math.Max(OpenBucketEnd, low) : TalkBuckets.UpperBounds[bucket];
                return low + (high - low) * (rank - before + 0.5) / histogram[bucket];
            }
            before += histogram[bucket];
        }
        return TalkBuckets.UpperBounds[^2];
    }
}
