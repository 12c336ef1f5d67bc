using Portal.Telephony.Calls;

namespace Portal.Benchmarks;

/// <summary>
/// Realistic normalized calls, the same for the same seed: what adapters hand to the sync engine. With
/// <c>transcriptEvery</c> n, every n-th call has a transcript (a summary and three utterances) that mentions an invoice.
/// </summary>
internal static class GeneratedRecords
{
    public static NormalizedCall[] Create(int count, int seed = 1, int transcriptEvery = 0)
    {
        var random = new Random(seed);
        var start = new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var calls = new NormalizedCall[count];
        for (var i = 0; i < count; i++)
        {
            var answered = random.NextDouble() < 0.72;
            var direction = (CallDirection)random.Next(1, 4);
            var startedAt = start.AddSeconds(i * (31_536_000.0 / count) + random.Next(30));
            var talk = answered ? random.Next(5, 900) : 0;
            var ring = random.Next(2, 30);
            var number = "+4930" + random.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            calls[i] = new NormalizedCall
            {
                VendorCallId = $"call-{seed}-{i}",
                Direction = direction,
                Outcome = answered ? CallOutcome.Answered : direction == CallDirection.Outbound ? CallOutcome.NotConnected : CallOutcome.Missed,
                VendorStatus = answered ? "answered" : "missed",
                StartedAtUtc = startedAt,
                AnsweredAtUtc = answered ? startedAt.AddSeconds(ring) : null,
                EndedAtUtc = startedAt.AddSeconds(ring + talk),
                DurationSeconds = talk,
                RingSeconds = ring,
                Extension = (100 + random.Next(40)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ExtensionName = "Agent " + random.Next(40),
                ExternalNumber = number,
                ExternalNumberOriginal = number.TrimStart('+'),
                ExternalName = random.NextDouble() < 0.3 ? "Customer " + random.Next(5000) : null,
                EndReason = answered ? "hangup" : "no_answer",
                Transcript = transcriptEvery > 0 && i % transcriptEvery == 0 ? Transcript(i) : null,
                RawPayload = $$"""{"uuid":"call-{{seed}}-{{i}}","status":"{{(answered ? "answered" : "missed")}}","duration":{{talk}}}""",
            };
        }
        return calls;
    }

    private static NormalizedTranscript Transcript(int i) => new($"Customer asks about invoice {i}", "en",
    [
        new("Agent", 0, "Good morning, how can I help?"),
        new("Caller", 2.5, $"I have a question about invoice {i} and the last payment."),
        new("Agent", 9, "Let me check that for you, one moment please."),
    ]);
}
