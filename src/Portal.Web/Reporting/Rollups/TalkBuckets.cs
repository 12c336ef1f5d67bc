namespace Portal.Web.Reporting.Rollups;

/// <summary>The talk-time histogram's buckets (seconds): 0, 1–29, 30–59, 1–2 min, 2–5 min, 5–10 min, 10–20 min, 20 min+.</summary>
public static class TalkBuckets
{
    public static readonly int[] UpperBounds = [1, 30, 60, 120, 300, 600, 1200, int.MaxValue];

    public static int Of(int talkSeconds)
    {
        for (var i = 0; i < UpperBounds.Length; i++)
        {
            if (talkSeconds < UpperBounds[i])
            {
                return i;
            }
        }
        return UpperBounds.Length - 1;
    }
}
