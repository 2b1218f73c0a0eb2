using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Tests.Web;

/// <summary>Reads a server-rendered form (antiforgery token and handler included) and posts it, as a browser would.</summary>
public static class HtmlForm
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetAsync(pageUrl);
        page.EnsureSuccessStatusCode();
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = document.QuerySelector("form[method=post]") as IHtmlFormElement
            ?? throw new InvalidOperationException($"{pageUrl} has no form.");

        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string page = "/account/login") =>
        await SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
}
