using Portal.Web.Reporting;
using Portal.Web.Features.Calls;

namespace Portal.Components.Tests.Calls;

public class TranscriptConversationTests : PortalComponentTest
{
    private static readonly IReadOnlyList<CallTranscriptSegment> Segments =
    [
        new("Anna Becker", 5, "Have you restarted the Router?"),
        new("Caller", 27.9, "Yes, both routers and the router's cable."),
        new("Anna Becker", 3725, "Then the line is fine."),
    ];

    [Fact]
    public void Render_SearchWords_MarksWholeWordsOnlyWhateverTheCase()
    {
        var conversation = Render<TranscriptConversation>(p => p.Add(c => c.Segments, Segments).Add(c => c.Words, TranscriptText.Words("router line")));

        var marks = conversation.FindAll("mark").Select(m => m.TextContent).ToList();
        Assert.Equal(["Router", "router", "line"], marks);
        Assert.DoesNotContain(marks, m => m == "routers");
        Assert.Contains("3 utterances contain", conversation.Find("[data-testid=transcript-hits]").TextContent);
    }

    [Fact]
    public void Render_Segments_SpeakerOffsetAndTextInOrderWithSpeakersOnAlternateSides()
    {
        var conversation = Render<TranscriptConversation>(p => p.Add(c => c.Segments, Segments));

        var items = conversation.FindAll("[data-testid=transcript-segment]");
        Assert.Equal(3, items.Count);
        Assert.Equal(["0:05", "0:27", "1:02:05"], items.Select(i => i.QuerySelector(".call-offset")!.TextContent));
        Assert.Equal(["Anna Becker", "Caller", "Anna Becker"], items.Select(i => i.QuerySelector(".call-speaker")!.TextContent));
        Assert.Equal([true, false, true], items.Select(i => i.ClassList.Contains("call-utterance-left")));
        Assert.Empty(conversation.FindAll("mark"));
        Assert.Empty(conversation.FindAll("[data-testid=transcript-hits]"));
    }

    [Fact]
    public void Render_WordsWithRegexCharacters_AreSearchedLiterally()
    {
        var conversation = Render<TranscriptConversation>(p => p
            .Add(c => c.Segments, [new CallTranscriptSegment("Caller", 0, "Order 4711 (urgent) costs 12.50")])
            .Add(c => c.Words, TranscriptText.Words("(4711) .* 50")));

        Assert.Equal(["4711", "50"], conversation.FindAll("mark").Select(m => m.TextContent));
    }

    [Fact]
    public void Render_NoSegments_SaysSo()
    {
        var conversation = Render<TranscriptConversation>(p => p.Add(c => c.Segments, []));

        Assert.Contains("no utterances", conversation.Find("[data-testid=transcript-empty]").TextContent);
    }
}
