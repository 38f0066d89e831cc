namespace NetOps.Dashboard.Api;

/// <summary>The HTTP API under <c>/api/v1</c> (DESIGN.md "People, roles and the HTTP API"); each part adds its group.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapMe();
        v1.MapSites();
        v1.MapDetections();
        v1.MapInventory();
        v1.MapUsers();
        v1.MapAudit();
        v1.MapDirectory();
        v1.MapAdvisories();
        v1.MapAlerts();
        v1.MapOnCall();
        v1.MapIncidents();
        v1.MapReports();
        v1.MapDrills();
        return app;
    }

    /// <summary>A 422 problem naming what is wrong with the request's content.</summary>
    public static IResult Unprocessable(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "the request cannot be applied");

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "refused");
}
