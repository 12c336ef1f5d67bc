using System.Threading.Channels;
using Portal.Sandbox.Company;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// The line state and presence of every extension of the sandbox company, and their changes as they happen
/// (driven by originated calls, published traffic and, while live, a presence timer). Starts from a fixed board
/// that shows every vendor word once: away, dnd, busy, offline, unknown, the string "null" and a JSON null.
/// </summary>
public sealed class NfonCtiLineBoard : NfonCtiBroadcast<NfonCtiLineState>
{
    private static readonly Dictionary<string, (string Line, string? Presence)> Initial = new()
    {
        ["103"] = ("idle", "away"),
        ["105"] = ("idle", "dnd"),
        ["112"] = ("in-use", "busy"),
        ["114"] = ("offline", "offline"),
        ["115"] = ("unknown", "null"),
        ["123"] = ("idle", null),
    };

    private readonly Dictionary<string, NfonCtiLineState> _states;

    public NfonCtiLineBoard(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        _states = SandboxCompany.Extensions.ToDictionary(e => e.Number, e =>
        {
            var (line, presence) = Initial.GetValueOrDefault(e.Number, ("idle", "available"));
            return new NfonCtiLineState(e.Number, line, presence, now);
        });
    }

    /// <summary>Every extension's state, in directory order.</summary>
    public IReadOnlyList<NfonCtiLineState> Snapshot() => Locked(Ordered);

    public NfonCtiLineState? Find(string extension) => Snapshot().FirstOrDefault(s => s.Extension == extension);

    /// <summary>Subscribes to changes and takes the snapshot at the same moment: the stream's bootstrap.</summary>
    public (IDisposable Subscription, IReadOnlyList<NfonCtiLineState> Bootstrap) SubscribeWithBootstrap(ChannelWriter<NfonCtiLineState> writer)
    {
        IReadOnlyList<NfonCtiLineState> bootstrap = [];
        var subscription = Subscribe(writer, () => bootstrap = Ordered());
        return (subscription, bootstrap);
    }

    public void SetLine(string extension, string line, DateTime atUtc) =>
        Change(extension, state => state.Line == line ? null : state with { Line = line, UpdatedUtc = atUtc });

    public void SetPresence(string extension, string? presence, DateTime atUtc) =>
        Change(extension, state => state.Presence == presence ? null : state with { Presence = presence, UpdatedUtc = atUtc });

    private void Change(string extension, Func<NfonCtiLineState, NfonCtiLineState?> change) =>
        PublishAtomically(() =>
        {
            if (!_states.TryGetValue(extension, out var state) || change(state) is not { } changed)
            {
                return null;
            }
            _states[extension] = changed;
            return changed;
        });

    private List<NfonCtiLineState> Ordered() => SandboxCompany.Extensions.Select(e => _states[e.Number]).ToList();
}
