using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Portal.Sandbox.Identity;

/// <summary>Applies the settings that need the bound <see cref="SandboxOptions"/> and the content root:
/// the persisted keys and the access token lifetime.</summary>
internal sealed class DevServerOptionsSetup(IOptions<SandboxOptions> sandbox, IHostEnvironment environment)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var identity = sandbox.Value.Identity;
        var keys = DevKeyFile.LoadOrCreate(Path.GetFullPath(identity.KeyDirectory, environment.ContentRootPath));

        options.SigningCredentials.Add(new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            keys.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        options.AccessTokenLifetime = identity.AccessTokenLifetime;
    }
}
