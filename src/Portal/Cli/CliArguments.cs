namespace Portal.Cli;

/// <summary>The options given to one verb, checked against what the verb accepts.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public static CliArguments Parse(IReadOnlyList<string> tokens, IReadOnlyList<CliOption> accepted)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new CliUsageException($"Unexpected argument '{token}'.");
            }
            var name = token[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }
            var option = accepted.FirstOrDefault(o => o.Name == name)
                ?? throw new CliUsageException($"Unknown option '--{name}'.");

            string value;
            if (option.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new CliUsageException($"Option '--{name}' takes no value.");
                }
                value = "true";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = tokens[++i];
            }
            else
            {
                throw new CliUsageException($"Option '--{name}' needs a value.");
            }
            if (!option.IsFlag && string.IsNullOrWhiteSpace(value))
            {
                throw new CliUsageException($"Option '--{name}' needs a non-empty value.");
            }

            if (!parsed.values.TryGetValue(name, out var list))
            {
                parsed.values[name] = list = [];
            }
            else if (!option.Repeatable)
            {
                throw new CliUsageException($"Option '--{name}' is given more than once.");
            }
            list.Add(value);
        }

        var missing = accepted.Where(o => o.Required && !parsed.values.ContainsKey(o.Name)).Select(o => $"--{o.Name}").ToList();
        if (missing.Count > 0)
        {
            throw new CliUsageException($"Missing {string.Join(", ", missing)}.");
        }
        return parsed;
    }

    public string? Get(string name) => values.TryGetValue(name, out var list) ? list[0] : null;

    public string Required(string name) => Get(name) ?? throw new CliUsageException($"Missing --{name}.");

    public IReadOnlyList<string> GetAll(string name) => values.TryGetValue(name, out var list) ? list : [];

    public bool Has(string name) => values.ContainsKey(name);
}
