using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Identity;

namespace Portal.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SandboxOptions"/> from the "Sandbox" section and registers the development
    /// OpenID Connect provider. Sets no default authentication scheme.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section));
        services.AddDevIdentity();
        return services;
    }
}
