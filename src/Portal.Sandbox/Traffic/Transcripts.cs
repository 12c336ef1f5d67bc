using Portal.Sandbox.Company;

namespace Portal.Sandbox.Traffic;

/// <summary>Plausible conversations for transcripts, spread over the talk time.</summary>
internal static class Transcripts
{
    private static readonly (string Topic, string[] Customer, string[] Agent)[] Conversations =
    [
        ("an invoice question",
            ["Hello, I have a question about my last invoice.", "The amount seems higher than usual.", "Thank you, that explains it."],
            ["Good morning, how can I help you?", "Let me check your account. The difference is the new router rental.", "You are welcome. Anything else?"]),
        ("a delivery delay",
            ["Hi, my delivery has not arrived yet.", "The order number is 4711.", "Great, thanks for the quick help."],
            ["I am sorry to hear that. Do you have the order number?", "I see it, the parcel is at the depot and arrives tomorrow.", "Have a nice day."]),
        ("a contract renewal",
            ["I would like to renew my contract.", "Yes, the premium plan please.", "Perfect, please send me the offer."],
            ["Certainly. Would you like to keep the premium plan?", "I will prepare the renewal with a loyalty discount.", "The offer goes out by email today."]),
        ("a technical fault",
            ["My phone line drops every few minutes.", "Yes, I restarted the router already.", "It works now, thank you."],
            ["Let us look at that. Have you restarted the router?", "I reset the line from our side, please try again.", "Glad to hear it."]),
    ];

    public static GeneratedTranscript Create(Random random, SandboxExtension agent, ExternalParty customer, int talkSeconds)
    {
        var (topic, customerLines, agentLines) = Conversations[random.Next(Conversations.Length)];
        var turns = agentLines.Zip(customerLines, (a, c) => new[] { (agent.Name, a), (customer.Name ?? "Caller", c) }).SelectMany(t => t).ToList();
        var step = Math.Max(1.0, talkSeconds / (double)(turns.Count + 1));
        var lines = turns.Select((turn, i) => new GeneratedTranscriptLine(turn.Item1, Math.Round(i * step, 1), turn.Item2)).ToList();
        var summary = $"{customer.Name ?? "A caller"} called about {topic}; {agent.Name} resolved it.";
        return new GeneratedTranscript(summary, "en", lines);
    }
}
