using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// Settings bound from configuration and checked before the portal starts: a bad value stops the start with the
/// setting's full name and what is allowed. Options needed while services are registered go through <see cref="Get"/>
/// with the same validator, so the message is the same either way.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it when the host starts.</summary>
    internal static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration.GetSection(section), options))
            .ValidateOnStart();
    }

    /// <summary>Binds and validates now (for settings read while services are registered); throws <see cref="OptionsValidationException"/>.</summary>
    public static TOptions Get<TOptions>(IConfiguration configuration, string section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var options = new TOptions();
        Bind(configuration.GetSection(section), options);
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures) : options;
    }

    /// <summary>The configuration binder, but a value it cannot convert (a duration "abc") is refused by its key.</summary>
    private static void Bind<TOptions>(IConfigurationSection section, TOptions options)
        where TOptions : class
    {
        var failures = Unconvertible(section, typeof(TOptions)).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), failures);
        }
        section.Bind(options);
    }

    private static IEnumerable<string> Unconvertible(IConfigurationSection section, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = section.GetSection(property.Name);
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (target.IsPrimitive || target.IsEnum || target == typeof(TimeSpan) || target == typeof(decimal))
            {
                if (property.CanWrite && !string.IsNullOrEmpty(child.Value) && !CanConvert(child.Value, target))
                {
                    yield return $"{child.Path} is '{child.Value}', not {Describe(target)}.";
                }
            }
            else if (target.IsClass && target.Namespace?.StartsWith("Portal", StringComparison.Ordinal) == true)
            {
                foreach (var failure in Unconvertible(child, target))
                {
                    yield return failure;
                }
            }
        }
    }

    // The binder converts with the type's TypeConverter and the invariant culture: check the same way.
    private static bool CanConvert(string value, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for an error message.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(TimeSpan) => "a duration such as 00:30:00 (hh:mm:ss, or d.hh:mm:ss)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ => "a " + type.Name.ToLower(CultureInfo.InvariantCulture),
    };
}
