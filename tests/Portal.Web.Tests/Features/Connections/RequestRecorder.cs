using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>
/// A loopback HTTP server on a port of its own (another origin than the portal) that keeps every request it gets, as text
/// (method, URL, headers, body), and answers 401: a host that must never see a stored secret.
/// </summary>
internal sealed class RequestRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private RequestRecorder(WebApplication app) => _app = app;

    public IReadOnlyList<string> Requests => _requests.ToList();
    public Uri BaseAddress => new(_app.Urls.Single());

    public static async Task<RequestRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var recorder = new RequestRecorder(builder.Build());
        recorder._app.Run(async http =>
        {
            using var body = new StreamReader(http.Request.Body);
            var headers = string.Join("\n", http.Request.Headers.Select(h => $"{h.Key}: {h.Value}"));
            recorder._requests.Enqueue($"{http.Request.Method} {http.Request.GetEncodedPathAndQuery()}\n{headers}\n\n{await body.ReadToEndAsync()}");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        });
        await recorder._app.StartAsync();
        return recorder;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
