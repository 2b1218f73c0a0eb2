using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;
using Portal.Components.Shared;

namespace Portal.Components.Tests.Shared;

public sealed class PagedGridTests : IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly List<GridState<Row>> requests = [];
    private TaskCompletionSource<GridData<Row>> nextPage = new();

    public Task InitializeAsync()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void SaysLoadingWhileTheFirstPageIsOnItsWayNotThatNothingMatches()
    {
        var grid = Render();

        Assert.Contains("Loading…", grid.Markup);
        Assert.DoesNotContain("No row matches.", grid.Markup);

        nextPage.SetResult(new GridData<Row> { Items = [], TotalItems = 0 });

        grid.WaitForAssertion(() => Assert.Contains("No row matches.", grid.Markup));
        Assert.DoesNotContain("Loading…", grid.Markup);
    }

    [Fact]
    public void NamesTheTableAndCountsInTheFormatAskedForWhenThePagerDraws()
    {
        var format = "{first_item}-{last_item} of {all_items} rows";
        var grid = Render(p => p.Add(x => x.InfoFormatNow, () => format));

        nextPage.SetResult(new GridData<Row> { Items = [new("Ola"), new("Kari")], TotalItems = 2 });

        grid.WaitForAssertion(() => Assert.Contains("1-2 of 2 rows", grid.Markup));
        Assert.Equal("Rows", grid.Find("table").GetAttribute("aria-label"));
        Assert.Equal(["Ola", "Kari"], grid.FindAll("tbody tr td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task ShowFirstPageGoesBackToPageOneAndAsksTheServerAgain()
    {
        var grid = Render();
        nextPage.SetResult(new GridData<Row> { Items = Enumerable.Range(1, 25).Select(i => new Row($"row {i}")).ToList(), TotalItems = 60 });
        grid.WaitForAssertion(() => Assert.Contains("1-25 of 60", grid.Markup));
        nextPage = new();
        nextPage.SetResult(new GridData<Row> { Items = [new("row 26")], TotalItems = 60 });
        grid.Find("button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(1, requests[^1].Page));
        nextPage = new();
        nextPage.SetResult(new GridData<Row> { Items = [new("filtered")], TotalItems = 1 });

        await grid.InvokeAsync(grid.Instance.ShowFirstPageAsync);

        grid.WaitForAssertion(() => Assert.Contains("1-1 of 1", grid.Markup));
        Assert.Equal(0, requests[^1].Page);
        Assert.Equal(3, requests.Count);
    }

    private IRenderedComponent<PagedGrid<Row>> Render(Action<ComponentParameterCollectionBuilder<PagedGrid<Row>>>? more = null) =>
        context.Render<PagedGrid<Row>>(p =>
        {
            p.Add(x => x.Label, "Rows");
            p.Add(x => x.EmptyText, "No row matches.");
            p.Add(x => x.ServerData, (state, _) =>
            {
                requests.Add(state);
                return nextPage.Task;
            });
            p.Add(x => x.Columns, (RenderFragment)(builder =>
            {
                builder.OpenComponent<PropertyColumn<Row, string>>(0);
                builder.AddAttribute(1, nameof(PropertyColumn<Row, string>.Property), (Expression<Func<Row, string>>)(r => r.Name));
                builder.CloseComponent();
            }));
            more?.Invoke(p);
        });

    public sealed record Row(string Name);
}
