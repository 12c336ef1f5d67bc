using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Unpod;

/// <summary>
/// A loopback Unpod server (<see cref="LoopbackServer"/>) that writes down every request (query and headers) and answers with <see cref="Answer"/>:
/// for what the adapter sends, which the emulator would accept either way. Adapters get a clock fixed at <see cref="Now"/>.
/// </summary>
internal sealed class UnpodRecorder : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _adapters =
        new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider(Now)).AddTelephonyForLoopback().BuildServiceProvider();
    private LoopbackServer _server = default!;

    private UnpodRecorder()
    {
    }

    /// <summary>The query and headers of every request, in order.</summary>
    public IReadOnlyList<(Dictionary<string, StringValues> Query, IReadOnlyDictionary<string, string> Headers)> Requests =>
        _server.Received.Select(r => (QueryHelpers.ParseQuery(new Uri(_server.BaseAddress, r.PathAndQuery).Query), r.Headers)).ToList();

    /// <summary>The JSON body of every answer (200).</summary>
    public string Answer { get; set; } = """{"count": 0, "status_code": 200, "message": "Call logs fetched successfully", "data": []}""";

    public static async Task<UnpodRecorder> StartAsync()
    {
        var recorder = new UnpodRecorder();
        recorder._server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(recorder.Answer);
        });
        return recorder;
    }

    public ICallRecordSource Source(string? productId = null)
    {
        var secrets = new Dictionary<string, string> { [VendorSecrets.Token] = "token", [VendorSecrets.OrgHandle] = "org" };
        if (productId is not null)
        {
            secrets[VendorSecrets.ProductId] = productId;
        }
        var settings = new VendorConnectionSettings(VendorKind.Unpod, _server.BaseAddress, secrets, PhoneRegion: "DE");
        return Assert.IsAssignableFrom<ICallRecordSource>(_adapters.GetRequiredService<VendorAdapters>().Create(settings));
    }

    public async ValueTask DisposeAsync()
    {
        await _adapters.DisposeAsync();
        await _server.DisposeAsync();
    }
}
