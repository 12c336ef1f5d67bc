using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>A start refused by a setting: the <see cref="OptionsValidationException"/> somewhere in what the start threw.</summary>
public static class StartupRefusal
{
    /// <summary>The refusal inside <paramref name="exception"/> (also when wrapped or aggregated); null when it is something else.</summary>
    public static OptionsValidationException? Find(Exception? exception) => Flatten(exception).OfType<OptionsValidationException>().FirstOrDefault();

    /// <summary>The refusal's one-line message, or null.</summary>
    public static string? MessageOf(Exception exception) => Find(exception)?.Message;

    private static IEnumerable<Exception> Flatten(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
            if (exception is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
