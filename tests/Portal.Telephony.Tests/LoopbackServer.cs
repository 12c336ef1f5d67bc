using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Telephony.Tests;

/// <summary>What a <see cref="LoopbackServer"/> was sent: method, path and query, headers and body.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real HTTP server (Kestrel) at a free loopback port that answers every request with <c>answer</c> and remembers what
/// it was sent: a vendor that sends what the emulators never do (a local time the clocks skip, redirects, endless
/// bodies, oversized events).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress, ConcurrentQueue<ReceivedRequest> received) =>
        (_app, BaseAddress, Received) = (app, baseAddress, received);

    public Uri BaseAddress { get; }
    public ConcurrentQueue<ReceivedRequest> Received { get; }

    public static async Task<LoopbackServer> StartAsync(RequestDelegate answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedRequest>();
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            await answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackServer(app, new Uri(address), received);
    }

    /// <summary>A vendor that answers every request with one fixed JSON body.</summary>
    public static Task<LoopbackServer> StartAsync(string json) => StartAsync(context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    });

    /// <summary>An address on this server, e.g. Url("/webfones").</summary>
    public Uri Url(string path) => new(BaseAddress, path);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
