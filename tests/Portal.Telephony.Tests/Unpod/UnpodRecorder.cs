using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
/// A loopback Unpod server that writes down every call-logs request (query and headers) and answers with <see cref="Answer"/>:
/// for what the adapter sends, which the emulator would accept either way. Adapters get a clock fixed at <see cref="Now"/>.
/// </summary>
internal sealed class UnpodRecorder : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly ServiceProvider _adapters;

    private UnpodRecorder(WebApplication app, ServiceProvider adapters) => (_app, _adapters) = (app, adapters);

    public List<(Dictionary<string, StringValues> Query, IHeaderDictionary Headers)> Requests { get; } = [];

    /// <summary>The JSON body of every answer (200).</summary>
    public string Answer { get; set; } = """{"count": 0, "status_code": 200, "message": "Call logs fetched successfully", "data": []}""";

    public Uri BaseUrl => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<UnpodRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var adapters = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider(Now)).AddTelephonyForLoopback().BuildServiceProvider();
        var recorder = new UnpodRecorder(app, adapters);
        app.MapGet("/api/v2/platform/call-logs/", (HttpContext context) =>
        {
            lock (recorder.Requests)
            {
                recorder.Requests.Add((QueryHelpers.ParseQuery(context.Request.QueryString.Value), new HeaderDictionary(context.Request.Headers.ToDictionary())));
            }
            return Results.Text(recorder.Answer, "application/json");
        });
        await app.StartAsync();
        return recorder;
    }

    public ICallRecordSource Source(string? productId = null)
    {
        var secrets = new Dictionary<string, string> { [VendorSecrets.Token] = "token", [VendorSecrets.OrgHandle] = "org" };
        if (productId is not null)
        {
            secrets[VendorSecrets.ProductId] = productId;
        }
        var settings = new VendorConnectionSettings(VendorKind.Unpod, BaseUrl, secrets, PhoneRegion: "DE");
        return Assert.IsAssignableFrom<ICallRecordSource>(_adapters.GetRequiredService<VendorAdapters>().Create(settings));
    }

    public async ValueTask DisposeAsync()
    {
        await _adapters.DisposeAsync();
        await _app.DisposeAsync();
    }
}
