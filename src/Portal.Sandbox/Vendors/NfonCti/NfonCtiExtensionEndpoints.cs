using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Sandbox.Company;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary><c>GET /extensions/phone/data</c> and <c>GET /extensions/phone/states</c> (snapshot or SSE).</summary>
internal static class NfonCtiExtensionEndpoints
{
    public static void MapNfonCtiExtensions(this RouteGroupBuilder extensions)
    {
        extensions.MapGet("/data", (FaultRegistry faults) => NfonCtiResults.Json(StatusCodes.Status200OK,
            new JsonArray([.. SandboxCompany.Extensions.Select(e => ExtensionData(e, faults.ShouldMalform(VendorKind.NfonCti)))])));
        extensions.MapGet("/states", States);
    }

    /// <summary>A malformed entry has no extension number to be found, neither in <c>extension_number</c> nor in <c>uuid</c>.</summary>
    private static JsonNode ExtensionData(SandboxExtension extension, bool malformed) => malformed
        ? new JsonObject { ["uuid"] = "@" + NfonCtiSandbox.Tenant, ["name"] = extension.Name }
        : new JsonObject { ["uuid"] = $"{extension.Number}@{NfonCtiSandbox.Tenant}", ["extension_number"] = extension.Number, ["name"] = extension.Name };

    private static IResult States(HttpContext context, NfonCtiLineBoard board, FaultRegistry faults)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (!accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase)
            && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var wanted = context.Request.Query["extension"]
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToHashSet(StringComparer.Ordinal);
            var states = board.Snapshot().Where(s => wanted.Count == 0 || wanted.Contains(s.Extension));
            return NfonCtiResults.Json(StatusCodes.Status200OK,
                new JsonArray([.. states.Select(s => s.ToJson(faults.ShouldMalform(VendorKind.NfonCti)))]));
        }

        // text/event-stream, no Accept at all, or anything else: the stream is the default.
        var changes = Channel.CreateUnbounded<NfonCtiLineState>();
        var (subscription, bootstrap) = board.SubscribeWithBootstrap(changes.Writer);
        var rendered = bootstrap.Select(s => s.ToJson(faults.ShouldMalform(VendorKind.NfonCti)).ToJsonString(NfonCtiWire.Json)).ToList();
        return new NfonCtiEventStream(Stream(rendered, changes.Reader, faults), faults.Get(VendorKind.NfonCti).DropStreamsAfterEvents, subscription);
    }

    private static async IAsyncEnumerable<string> Stream(IReadOnlyList<string> bootstrap, ChannelReader<NfonCtiLineState> changes,
        FaultRegistry faults, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var state in bootstrap)
        {
            yield return state;
        }
        await foreach (var state in changes.ReadAllAsync(cancellationToken))
        {
            yield return state.ToJson(faults.ShouldMalform(VendorKind.NfonCti)).ToJsonString(NfonCtiWire.Json);
        }
    }
}
