using System.Text.RegularExpressions;

namespace Cluster.Grains.Forwarding;

/// <summary>Compiles the regular expressions of filters and replacements once, with a match timeout, and refuses
/// a bad one at configuration time with a message naming the setting and the pattern.</summary>
public static class PatternCompiler
{
    /// <summary>A compiled regex for <paramref name="pattern"/>; <paramref name="setting"/> names where it came from
    /// ("Filters.BlockPatterns[2]") for the error message.</summary>
    public static Regex Compile(string pattern, string setting, TimeSpan matchTimeout, bool ignoreCase = true)
    {
        if (string.IsNullOrEmpty(pattern))
            throw new ArgumentException($"{setting} is empty; expected a regular expression.", setting);
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(pattern, options, matchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{setting}: '{pattern}' is not a valid regular expression: {e.Message}", setting, e);
        }
    }

    /// <summary>A regex that matches <paramref name="text"/> literally.</summary>
    public static Regex Literal(string text, string setting, TimeSpan matchTimeout, bool ignoreCase = true)
    {
        if (string.IsNullOrEmpty(text))
            throw new ArgumentException($"{setting} is empty; expected the text to replace.", setting);
        return Compile(Regex.Escape(text), setting, matchTimeout, ignoreCase);
    }
}
