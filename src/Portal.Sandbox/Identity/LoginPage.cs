using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Sandbox.Identity;

/// <summary>The self-contained HTML of the login form.</summary>
internal static class LoginPage
{
    public const string Title = "Portal development sign-in";

    public const string DemoBanner = "This is a demo, not for real data.";

    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
             font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef1f5;color:#1f2933}
        main{width:100%;max-width:380px;background:#fff;border-radius:12px;padding:32px;
             box-shadow:0 8px 24px rgba(15,23,42,.12)}
        h1{margin:0 0 4px;font-size:1.35rem}
        .sub{margin:0 0 24px;color:#52606d;font-size:.9rem}
        label{display:block;font-weight:600;font-size:.9rem;margin:16px 0 6px}
        input[type=text],input[type=password]{width:100%;padding:10px 12px;font-size:1rem;border:1px solid #cbd2d9;
             border-radius:8px}
        input:focus{outline:2px solid #2563eb;outline-offset:1px;border-color:#2563eb}
        button{margin-top:24px;width:100%;padding:11px;font-size:1rem;font-weight:600;color:#fff;background:#2563eb;
             border:0;border-radius:8px;cursor:pointer}
        button:hover{background:#1d4ed8}
        .error{margin:0 0 8px;padding:10px 12px;border-radius:8px;background:#fdecea;color:#9b1c1c;font-size:.9rem}
        .note{margin-top:24px;font-size:.85rem;color:#52606d;border-top:1px solid #e4e7eb;padding-top:16px}
        .note ul{margin:6px 0 0;padding-left:18px}
        .demo{margin:0 0 20px;padding:10px 12px;border-radius:8px;background:#fff4d6;color:#7a4b00;border:1px solid #f0c36d;font-size:.9rem}
        code{background:#f1f5f9;padding:1px 4px;border-radius:4px}
        """;

    public static IResult Form(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? username,
        string? error, int statusCode = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var h = HtmlEncoder.Default;
        var action = context.Request.PathBase.Add(DevIdentityDefaults.LoginPath).Value;
        var errorHtml = error is null ? "" : $"""<p class="error" role="alert">{h.Encode(error)}</p>""";
        // Outside Development the provider only runs as an explicitly allowed demo: say so before anyone types.
        var demoHtml = context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() ? "" : $"""
            <p class="demo" role="note" data-testid="demo-banner"><strong>{DemoBanner}</strong> The users below and their passwords
            are published, and the vendors are emulated. Do not enter or upload real data.</p>
            """;
        var users = string.Concat(DevUsers.All.Select(u =>
            $"<li><code>{h.Encode(u.Username)}</code> / <code>{h.Encode(u.Password)}</code> — {h.Encode(u.Name)}" +
            $" ({h.Encode(u.Roles.Count == 0 ? "no role" : string.Join(", ", u.Roles))}" +
            $"{(u.Team is null ? "" : ", team " + h.Encode(u.Team))})</li>"));
        var body = $"""
            <main>
              <h1>Sign in</h1>
              <p class="sub">Development identity provider of the Portal. Not for production use.</p>
              {demoHtml}
              {errorHtml}
              <form method="post" action="{h.Encode(action!)}">
                <input type="hidden" name="{h.Encode(tokens.FormFieldName)}" value="{h.Encode(tokens.RequestToken!)}">
                <input type="hidden" name="returnUrl" value="{h.Encode(returnUrl)}">
                <label for="username">Username</label>
                <input id="username" name="username" type="text" autocomplete="username" autofocus required value="{h.Encode(username ?? "")}">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
              </form>
              <div class="note">Demo users (username / password):<ul>{users}</ul></div>
            </main>
            """;
        return Page(body, statusCode);
    }

    public static IResult Refused() => Page("""
        <main>
          <h1>Sign-in refused</h1>
          <p class="sub">This sign-in link does not lead back to the provider's authorization endpoint.
          Start again from the application.</p>
        </main>
        """, StatusCodes.Status400BadRequest);

    private static IResult Page(string body, int statusCode) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{Title}</title>
          <style>{Style}</style>
        </head>
        <body>
        {body}
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: statusCode);
}
