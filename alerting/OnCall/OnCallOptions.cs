using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.OnCall;

/// <summary>
/// <c>Alerting:OnCall</c>: the schedules, policies and routes that seed the on-call setup, in the shapes of
/// DESIGN.md's <c>PUT /api/v1/oncall/…</c> bodies. <see cref="Compile"/> turns them into the domain objects and
/// names every bad key, so a bad setup fails at start instead of at the first page.
/// </summary>
public sealed class OnCallOptions
{
    public Dictionary<string, ScheduleOptions> Schedules { get; set; } = [];
    public Dictionary<string, PolicyOptions> Policies { get; set; } = [];
    public List<RouteOptions> Routes { get; set; } = [];

    public sealed class ScheduleOptions
    {
        public string TimeZone { get; set; } = "Asia/Tokyo";
        public RotationOptions Rotation { get; set; } = new();
        public List<OverrideOptions> Overrides { get; set; } = [];
        /// <summary>Local dates (<c>yyyy-MM-dd</c>, in <see cref="TimeZone"/>) whose turn goes to <see cref="HolidayUsers"/> instead of the rotation.</summary>
        public List<string> Holidays { get; set; } = [];
        /// <summary>The holiday roster: they take turns holiday by holiday, in date order.</summary>
        public List<string> HolidayUsers { get; set; } = [];
    }

    public sealed class RotationOptions
    {
        public List<string> Users { get; set; } = [];
        public string Handoff { get; set; } = "09:00";
        public int LengthDays { get; set; } = 7;
        /// <summary>The local day the first user's turn began (added to DESIGN.md's shape; defaults to 2026-01-05, a Monday).</summary>
        public string Start { get; set; } = "2026-01-05";
    }

    public sealed class OverrideOptions
    {
        public string User { get; set; } = "";
        public DateTimeOffset From { get; set; }
        public DateTimeOffset To { get; set; }
    }

    public sealed class PolicyOptions
    {
        public List<StepOptions> Steps { get; set; } = [];
        public int Repeat { get; set; }
    }

    public sealed class StepOptions
    {
        public NotifyOptions Notify { get; set; } = new();
        /// <summary>Minutes before the next step; fractions allowed (0.5 is 30 s).</summary>
        public double WaitMinutes { get; set; }
    }

    public sealed class NotifyOptions
    {
        public string? Schedule { get; set; }
        public List<string> Users { get; set; } = [];
    }

    public sealed class RouteOptions
    {
        public List<MatcherOptions> Matchers { get; set; } = [];
        public string Policy { get; set; } = "";
        /// <summary>Null (not set) groups by prefecture and kind; an empty list puts every alert of the route in one group.
        /// Not a default list: the configuration binder appends to a list it finds, so configured labels would join the defaults.</summary>
        public List<string>? GroupBy { get; set; }
        public int GroupWaitSeconds { get; set; } = 30;
        public int GroupIntervalSeconds { get; set; } = 300;
        public int RepeatIntervalMinutes { get; set; } = 240;
    }

    public sealed class MatcherOptions
    {
        public string Name { get; set; } = "";
        public string Value { get; set; } = "";
        public bool IsRegex { get; set; }
    }

    /// <summary>The compiled setup, or every error as <c>Alerting:OnCall:…</c> key and reason.</summary>
    public (OnCallSetup? Setup, IReadOnlyList<string> Errors) Compile(Func<string, TimeZoneInfo?> findTimeZone)
    {
        const string Root = "Alerting:OnCall";
        var errors = new List<string>();

        var schedules = new Dictionary<string, OnCallSchedule>(StringComparer.Ordinal);
        foreach (var (name, options) in Schedules)
        {
            var key = $"{Root}:Schedules:{name}";
            var zone = findTimeZone(options.TimeZone);
            if (zone is null) errors.Add($"{key}:TimeZone: '{options.TimeZone}' is not a known time zone");
            if (!TimeOnly.TryParseExact(options.Rotation.Handoff, ["HH:mm", "HH:mm:ss"], out var handoff))
                errors.Add($"{key}:Rotation:Handoff: '{options.Rotation.Handoff}' is not a time (HH:mm)");
            if (!DateOnly.TryParseExact(options.Rotation.Start, "yyyy-MM-dd", out var start))
                errors.Add($"{key}:Rotation:Start: '{options.Rotation.Start}' is not a date (yyyy-MM-dd)");
            var holidays = new List<DateOnly>();
            for (var h = 0; h < options.Holidays.Count; h++)
            {
                if (DateOnly.TryParseExact(options.Holidays[h], "yyyy-MM-dd", out var holiday)) holidays.Add(holiday);
                else errors.Add($"{key}:Holidays:{h}: '{options.Holidays[h]}' is not a date (yyyy-MM-dd)");
            }
            if (zone is null) continue;
            var schedule = new OnCallSchedule(name, zone,
                new Rotation(options.Rotation.Users, handoff, options.Rotation.LengthDays, start),
                options.Overrides.Select(o => new ScheduleOverride(o.User, o.From, o.To)).ToList(),
                new HolidayRoster(holidays, options.HolidayUsers));
            if (schedule.Validate() is { } error) errors.Add($"{key}: {error}");
            else schedules[name] = schedule;
        }

        var policies = new Dictionary<string, EscalationPolicy>(StringComparer.Ordinal);
        foreach (var (name, options) in Policies)
        {
            var key = $"{Root}:Policies:{name}";
            var policy = new EscalationPolicy(name,
                options.Steps.Select(s => new EscalationStep(s.Notify.Schedule, s.Notify.Users, s.WaitMinutes)).ToList(), options.Repeat);
            if (policy.Validate() is { } error) { errors.Add($"{key}: {error}"); continue; }
            for (var i = 0; i < policy.Steps.Count; i++)
                if (policy.Steps[i].Schedule is { } scheduleName && !Schedules.ContainsKey(scheduleName))
                    errors.Add($"{key}:Steps:{i}:Notify:Schedule: no schedule '{scheduleName}'");
            policies[name] = policy;
        }

        var routes = new List<Route>();
        for (var i = 0; i < Routes.Count; i++)
        {
            var key = $"{Root}:Routes:{i}";
            var options = Routes[i];
            var matchers = new List<LabelMatcher>();
            for (var m = 0; m < options.Matchers.Count; m++)
            {
                var matcher = options.Matchers[m];
                if (LabelMatcher.TryCreate(matcher.Name, matcher.Value, matcher.IsRegex, false, out var made, out var error)) matchers.Add(made);
                else errors.Add($"{key}:Matchers:{m}: {error}");
            }
            if (!Policies.ContainsKey(options.Policy)) errors.Add($"{key}:Policy: no policy '{options.Policy}'");
            List<string> groupBy = options.GroupBy ?? [LabelSet.Prefecture, LabelSet.Kind];
            var bad = groupBy.FirstOrDefault(g => !LabelSet.IsValidName(g));
            if (bad is not null) errors.Add($"{key}:GroupBy: '{bad}' is not a label name");
            var timings = new GroupTimings(TimeSpan.FromSeconds(options.GroupWaitSeconds),
                TimeSpan.FromSeconds(options.GroupIntervalSeconds), TimeSpan.FromMinutes(options.RepeatIntervalMinutes));
            if (timings.Validate() is { } timingError) errors.Add($"{key}: {timingError}");
            routes.Add(new Route(matchers, options.Policy, groupBy, timings));
        }

        return errors.Count > 0 ? (null, errors) : (new OnCallSetup(schedules, policies, new RouteTable(routes)), errors);
    }
}

/// <summary>The on-call setup that dispatch works from.</summary>
public sealed record OnCallSetup(
    IReadOnlyDictionary<string, OnCallSchedule> Schedules,
    IReadOnlyDictionary<string, EscalationPolicy> Policies,
    RouteTable Routes);
