namespace Portal;

/// <summary>
/// A rule of a feature service was broken by the caller's input. <see cref="Field"/> names the input
/// (a form field, a CLI option) so the message can be shown next to it. Nothing has been written.
/// </summary>
public class PortalValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
