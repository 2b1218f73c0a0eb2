using QRCoder;

namespace Portal.Features.Account;

/// <summary>
/// The two-factor set-up link as a QR code for authenticator apps to scan: inline SVG markup, so the page needs
/// no script, no image request and nothing more from the Content-Security-Policy.
/// </summary>
public static class AuthenticatorQrCode
{
    /// <summary>An <c>&lt;svg&gt;</c> that scales to its container (viewBox only), black modules on white with the quiet zone.</summary>
    public static string Svg(string otpauthUri)
    {
        // Level M (15 % of the code recoverable) is what authenticator set-up pages use: the code stays small
        // enough to scan from a laptop screen.
        using var data = QRCodeGenerator.GenerateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
