using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.E2E;

/// <summary>
/// The serious and critical axe-core violations (WCAG 2.0 and 2.1, levels A and AA) found on the views a test checked,
/// with a failure message that names each one: view, rule, impact, target selector and a short piece of its HTML.
/// </summary>
public sealed class AxeFindings
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    private readonly List<(string View, AxeResultItem Rule, AxeResultNode Node)> _found = [];

    /// <summary>Runs axe on the page as it is now (after its data has loaded) and keeps what blocks.</summary>
    public async Task CheckAsync(IPage page, string view)
    {
        await WaitForTransitionsAsync(page);
        Keep(view, await page.RunAxe(Options));
    }

    /// <summary>Runs axe on one part of the page only, e.g. an open menu's popover.</summary>
    public async Task CheckAsync(ILocator part, string view)
    {
        await WaitForTransitionsAsync(part.Page);
        Keep(view, await part.RunAxe(Options));
    }

    // A popover fading in has the colours of neither state: its contrast is measured once it is opaque.
    private static Task WaitForTransitionsAsync(IPage page) => page.WaitForFunctionAsync(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)");

    private void Keep(string view, AxeResult result)
    {
        foreach (var rule in result.Violations.Where(r => BlockingImpacts.Contains(r.Impact)))
        {
            _found.AddRange(rule.Nodes.Select(node => (view, rule, node)));
        }
    }

    /// <summary>Node counts per rule, over every view checked.</summary>
    public IReadOnlyDictionary<string, int> CountByRule() =>
        _found.GroupBy(f => f.Rule.Id).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    public void AssertNone() => Assert.True(_found.Count == 0, Describe());

    private string Describe()
    {
        var lines = new List<string> { $"{_found.Count} serious or critical accessibility violation(s):" };
        lines.AddRange(CountByRule().Select(c => $"  {c.Key}: {c.Value} node(s)"));
        foreach (var view in _found.GroupBy(f => f.View))
        {
            lines.Add($"{view.Key}:");
            lines.AddRange(view.Select(f => $"  {f.Rule.Id} ({f.Rule.Impact}) at {f.Node.Target}: {Snippet(f.Node.Html)}"
                + (Why(f.Node) is { } why ? $" — {why}" : "")));
        }
        return string.Join("\n", lines);
    }

    private static string Snippet(string html) => html.Length <= 120 ? html : html[..117] + "...";

    private static string? Why(AxeResultNode node) => node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).FirstOrDefault();
}
