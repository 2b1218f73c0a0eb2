using System.Globalization;

namespace Portal.Bench;

/// <summary><c>--name value</c> options of a verb; unknown or missing options stop the run with a usage error.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new BenchUsageException($"Expected --option value, got '{name}'.");
            }
            values[name[2..]] = e.Current;
        }
    }

    public string String(string name, string? fallback = null)
    {
        used.Add(name);
        return values.TryGetValue(name, out var value) ? value
            : fallback ?? throw new BenchUsageException($"--{name} is required.");
    }

    public string? Optional(string name)
    {
        used.Add(name);
        return values.GetValueOrDefault(name);
    }

    public int Int(string name, int? fallback = null)
    {
        var text = String(name, fallback?.ToString(CultureInfo.InvariantCulture));
        return int.TryParse(text.Replace("_", "").Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new BenchUsageException($"--{name} must be a whole number, got '{text}'.");
    }

    public double Double(string name, double fallback)
    {
        var text = String(name, fallback.ToString(CultureInfo.InvariantCulture));
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BenchUsageException($"--{name} must be a positive number, got '{text}'.");
    }

    /// <summary>Call after reading every option: a misspelt option must not be silently ignored.</summary>
    public void EnsureAllUsed()
    {
        var unknown = values.Keys.Where(k => !used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchUsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

public sealed class BenchUsageException(string message) : Exception(message);
