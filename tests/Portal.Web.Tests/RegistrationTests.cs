using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony;

namespace Portal.Web.Tests;

/// <summary>
/// One registration style: every core and feature registers its services in one <c>builder.Add&lt;Name&gt;()</c> on the host
/// builder, and no service of the portal (nor the clock) is registered by two of them: no defensive <c>TryAdd</c> copies that
/// hide which part owns a service. Each Add method runs alone on a fresh builder, so a <c>TryAdd</c> counts as a registration.
/// </summary>
public class RegistrationTests
{
    private static readonly Assembly Web = typeof(PortalApplication).Assembly;
    private static readonly Assembly[] PortalAssemblies = [Web, typeof(TelephonyServiceCollectionExtensions).Assembly];

    [Fact]
    public void AddMethods_EveryOne_ExtendsTheHostApplicationBuilder()
    {
        var others = AddMethods()
            .Where(m => m.GetParameters() is not [{ ParameterType: var target }] || target != typeof(IHostApplicationBuilder)
                || m.ReturnType != typeof(IHostApplicationBuilder))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Empty(others);
        Assert.Superset(new HashSet<string> { "AddHosting", "AddReporting", "AddVendors", "AddCalls", "AddExports", "AddSync", "AddConnections" },
            AddMethods().Select(m => m.Name).ToHashSet());
    }

    [Fact]
    public void AddMethods_EachPortalServiceAndTheClock_RegisteredByOneOfThemOnce()
    {
        var registrations = AddMethods().SelectMany(m => Registrations(m).Select(service => (Service: service, Method: m.Name))).ToList();

        var twice = registrations.GroupBy(r => r.Service).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} by {string.Join(", ", g.Select(r => r.Method))}").ToList();

        Assert.True(twice.Count == 0, "Registered more than once:\n" + string.Join("\n", twice));
        Assert.Equal(["AddHosting"], registrations.Where(r => r.Service.StartsWith(nameof(TimeProvider) + " ", StringComparison.Ordinal)).Select(r => r.Method));
        Assert.Contains(registrations, r => r.Service.StartsWith("ConnectionSecretProtector ", StringComparison.Ordinal));
    }

    /// <summary>The public Add… extension methods of the portal (helpers that are not a part's registration are internal).</summary>
    private static List<MethodInfo> AddMethods() => Web.GetExportedTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true })
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.Name.StartsWith("Add", StringComparison.Ordinal) && m.IsDefined(typeof(ExtensionAttribute)))
        .ToList();

    /// <summary>What one Add method registers alone: the portal's own services and the clock, as "service [key] -> implementation".</summary>
    private static List<string> Registrations(MethodInfo add)
    {
        var data = Directory.CreateTempSubdirectory("portal-registrations-");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(data.FullName, "portal.db")}",
                ["Sandbox:Identity:KeyDirectory"] = data.FullName,
            });
            // ASP.NET Core's authentication and OpenIddict TryAdd the clock themselves; with one there already they add none,
            // so only the portal's own registration of it is seen.
            builder.Services.AddSingleton<TimeProvider>(new FrameworkClock());
            var before = builder.Services.ToHashSet();
            add.Invoke(null, [builder]);
            return builder.Services.Where(d => !before.Contains(d) && IsPortals(d)).Select(Describe).ToList();
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private sealed class FrameworkClock : TimeProvider;

    private static bool IsPortals(ServiceDescriptor d) =>
        d.ServiceType == typeof(TimeProvider) || PortalAssemblies.Contains(d.ServiceType.Assembly)
        || (Implementation(d) is { } implementation && PortalAssemblies.Contains(implementation.Assembly));

    private static Type? Implementation(ServiceDescriptor d) => d.IsKeyedService
        ? d.KeyedImplementationType ?? d.KeyedImplementationInstance?.GetType()
        : d.ImplementationType ?? d.ImplementationInstance?.GetType();

    private static string Describe(ServiceDescriptor d) =>
        $"{d.ServiceType.Name} [{d.ServiceKey}] -> {Implementation(d)?.Name ?? "factory"}";
}
