using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;
using Portal.Telephony;
using Portal.Web;

namespace Portal.Web.Tests;

/// <summary>
/// The dependency rule (see the comment on <see cref="PortalApplication"/>): a feature (<c>Portal.Web.Features.X</c>) uses the
/// cores and never another feature; a core (any other <c>Portal.Web.*</c> namespace) never uses a feature; the vendor adapters
/// (<c>Portal.Telephony</c>) know neither Blazor nor EF Core. Razor components compile to classes in their folder's namespace,
/// so they are covered too. Features are found by reflection: a new folder under Features/ is checked without changes here.
/// </summary>
public class ArchitectureTests
{
    private const string FeaturesNamespace = "Portal.Web.Features";
    private static readonly Assembly Web = typeof(PortalApplication).Assembly;

    public static TheoryData<string> Features() => new(FeatureNames());

    [Fact]
    public void Features_FoundByReflection_IncludeTheKnownOnes()
    {
        Assert.Superset(new HashSet<string> { "Calls", "Dashboards", "Exports", "Connections", "Sync" }, FeatureNames().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Feature_DependsOnNoOtherFeature(string feature)
    {
        var violations = FeatureNames().Where(other => other != feature)
            .Select(other => (Other: other, Types: FailingTypes(Types.InAssembly(Web).That().ResideInNamespace($"{FeaturesNamespace}.{feature}")
                .ShouldNot().HaveDependencyOn($"{FeaturesNamespace}.{other}").GetResult())))
            .Where(v => v.Types.Count > 0)
            .Select(v => $"{feature} -> {v.Other}: {string.Join(", ", v.Types)}")
            .ToList();

        Assert.True(violations.Count == 0, "Features must not use each other; move what both need into a core:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Cores_DependOnNoFeature()
    {
        var cores = Web.GetTypes().Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith("Portal.Web.", StringComparison.Ordinal) && !IsFeature(ns))
            .Distinct().Order().ToArray();

        var failing = cores.SelectMany(core => FailingTypes(Types.InAssembly(Web).That().ResideInNamespace(core)
            .ShouldNot().HaveDependencyOn(FeaturesNamespace).GetResult())).Distinct().ToList();

        Assert.True(failing.Count == 0, "Cores must not use features:\n" + string.Join("\n", failing));
    }

    [Fact]
    public void Telephony_UsesNeitherBlazorNorEntityFramework()
    {
        var failing = FailingTypes(Types.InAssembly(typeof(TelephonyServiceCollectionExtensions).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Components", "Microsoft.EntityFrameworkCore").GetResult());
        var references = typeof(TelephonyServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

        Assert.Empty(failing);
        Assert.Empty(references);
    }

    [Fact]
    public void Components_InjectNoDbContextFactory_TheirDataComesFromServices()
    {
        var components = Web.GetTypes().Where(t => t.IsSubclassOf(typeof(ComponentBase))).ToList();
        var reading = components
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.IsDefined(typeof(InjectAttribute)) && p.PropertyType.IsGenericType
                    && p.PropertyType.GetGenericTypeDefinition() == typeof(IDbContextFactory<>))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();

        Assert.Contains(components, t => t.Name == "DashboardPage");
        Assert.Empty(reading);
    }

    private static IReadOnlyList<string> FeatureNames() => Web.GetTypes().Select(t => t.Namespace)
        .Where(ns => ns is not null && IsFeature(ns))
        .Select(ns => ns!.Split('.')[3]).Distinct().Order().ToList();

    private static bool IsFeature(string ns) => ns.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal);

    private static List<string> FailingTypes(TestResult result) => result.FailingTypeNames?.ToList() ?? [];
}
