using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Configuration;

namespace RetrainTriggers.Tests.Configuration;

public class TriggerConfigurationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static IConfigurationSection Section(string json, string key = "Triggers") =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection(key);

    private static IReadOnlyList<string> Failures(string json)
    {
        var act = () => TriggerConfiguration.Build(Section(json));
        return act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
    }

    private static ValueTask<TriggerResult> EvaluateAsync(ITrigger trigger, InMemorySignals signals, ITriggerStateStore? store = null, TimeProvider? time = null) =>
        TriggerEvaluator.EvaluateAsync(trigger, signals, store ?? new InMemoryTriggerStateStore(), time ?? new FakeTimeProvider(Start));

    [Fact]
    public async Task Build_IssueExample_BuildsAnyOfThresholdAndVolume()
    {
        var trigger = TriggerConfiguration.Build(Section(
            """{"Triggers":{"Any":[{"Threshold":{"Metric":"accuracy","Below":0.85}},{"Volume":{"MinNewRows":10000}}]}}"""));
        var signals = new InMemorySignals();
        signals.Record("accuracy", 0.80);
        signals.AddLabeledRows(500);

        var result = await EvaluateAsync(trigger, signals);

        trigger.Kind.Should().Be("Any");
        trigger.Children.Select(c => c.Kind).Should().Equal("Threshold", "Volume");
        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Children[0].Outcome.Should().Be(TriggerOutcome.Fired);
        result.Children[0].Threshold.Should().Be(0.85);
        result.Children[1].Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Build_MisconfiguredAbove_DoesNotFireAtLowAccuracy()
    {
        var trigger = TriggerConfiguration.Build(Section("""{"Triggers":{"Threshold":{"Metric":"accuracy","Above":0.90}}}"""));
        var signals = new InMemorySignals();
        signals.Record("accuracy", 0.80);

        (await EvaluateAsync(trigger, signals)).Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public void Build_EveryKindCombinatorAndModifier_BuildsTheDescribedTree()
    {
        var trigger = TriggerConfiguration.Build(Section("""
            {"Triggers":{"Name":"retrain","Any":[
              {"Name":"acc-abs","Threshold":{"Metric":"accuracy","Below":0.85}},
              {"Threshold":{"Metric":"accuracy","Below":0.95,"Basis":"BaselineFactor","Name":"acc-rel"}},
              {"Threshold":{"Metric":"error_rate","Above":0.02,"Basis":"BaselineOffset"}},
              {"Name":"latency-band","Threshold":{"Metric":"latency","Below":10,"Above":250}},
              {"Hysteresis":{"Metric":"psi","Direction":"Above","Enter":0.2,"Exit":0.1}},
              {"Schedule":{"Cron":"0 0 * * *","TimeZone":"Europe/Berlin","MissedFire":"Skip","GracePeriod":"00:30:00"}},
              {"Schedule":{"Interval":"7.00:00:00","Name":"weekly"}},
              {"Schedule":{"Cron":"30 0 6 * * *","Name":"with-seconds"}},
              {"Volume":{"MinNewRows":10000,"MinGrowth":0.2,"Match":"All"}},
              {"Drift":{"ScoreAbove":0.5,"MinLevel":"Warning","Feature":"age"}},
              {"Name":"both","All":[{"Threshold":{"Metric":"recall","Below":0.7}},{"Not":{"Threshold":{"Metric":"rows_ok","Below":1}}}]},
              {"Name":"two-of-three","AtLeast":{"Count":2,"Of":[
                {"Threshold":{"Metric":"m1","Above":1}},{"Threshold":{"Metric":"m2","Above":1}},{"Threshold":{"Metric":"m3","Above":1}}]}},
              {"Sustained":{"Duration":"3.00:00:00","Name":"drift-3d","Trigger":{"Threshold":{"Metric":"drift_score","Above":0.5}}}},
              {"Sustained":{"Evaluations":3,"ResetOnInsufficientData":true,"Name":"three-in-a-row","Trigger":{"Threshold":{"Metric":"f1","Below":0.6}}}},
              {"Cooldown":{"Period":"1.00:00:00","Name":"daily-at-most","Trigger":{"Threshold":{"Metric":"auc","Below":0.7}}}}
            ]}}
            """));

        trigger.Name.Should().Be("retrain");
        trigger.Children.Select(c => c.Kind).Should().Equal(
            "Threshold", "Threshold", "Threshold", "Threshold", "Hysteresis", "Schedule", "Schedule", "Schedule", "Volume", "Drift",
            "All", "AtLeast", "Sustained", "Sustained", "Cooldown");
        trigger.Children.Select(c => c.Name).Should().Contain(["acc-abs", "acc-rel", "latency-band", "weekly", "with-seconds", "both", "two-of-three", "drift-3d", "three-in-a-row", "daily-at-most"]);
        var both = trigger.Children[10];
        both.Children.Select(c => c.Kind).Should().Equal("Threshold", "Not");
        both.Children[1].Children.Should().ContainSingle().Which.Kind.Should().Be("Threshold");
        trigger.Children[11].Children.Should().HaveCount(3);
        trigger.Children[12].Children.Should().ContainSingle().Which.Kind.Should().Be("Threshold");
        trigger.Children[14].Children.Should().ContainSingle().Which.Kind.Should().Be("Threshold");
    }

    [Fact]
    public async Task Build_AtLeast_FiresOnlyWhenCountChildrenFire()
    {
        var trigger = TriggerConfiguration.Build(Section("""
            {"Triggers":{"AtLeast":{"Count":2,"Of":[
              {"Threshold":{"Metric":"m1","Above":1}},{"Threshold":{"Metric":"m2","Above":1}},{"Threshold":{"Metric":"m3","Above":1}}]}}}
            """));
        var signals = new InMemorySignals();
        signals.Record("m1", 2);
        signals.Record("m2", 0);
        signals.Record("m3", 0);

        (await EvaluateAsync(trigger, signals)).Outcome.Should().Be(TriggerOutcome.NotFired);
        signals.Record("m3", 5);
        (await EvaluateAsync(trigger, signals)).Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Build_SustainedDriftWithFileStore_FiresOnDayThreeNotDayTwoAcrossRestart()
    {
        const string json = """
            {"Triggers":{"Sustained":{"Duration":"3.00:00:00","Name":"drift-3d","Trigger":{"Threshold":{"Metric":"drift_score","Above":0.5}}}}}
            """;
        var directory = Path.Combine(Path.GetTempPath(), "rt-config-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "state.json");
        try
        {
            var time = new FakeTimeProvider(Start);
            var signals = new InMemorySignals();
            signals.Record("drift_score", 0.7);
            using (var store = new FileTriggerStateStore(path))
            {
                var trigger = TriggerConfiguration.Build(Section(json));
                for (var day = 0; day <= 2; day++)
                {
                    (await EvaluateAsync(trigger, signals, store, time)).Outcome.Should().Be(TriggerOutcome.NotFired, "day {0} is too early", day);
                    time.Advance(TimeSpan.FromDays(1));
                }
            }

            // Restart: a new tree from the same configuration and a new store over the same file.
            using var restarted = new FileTriggerStateStore(path);
            var rebuilt = TriggerConfiguration.Build(Section(json));

            (await EvaluateAsync(rebuilt, signals, restarted, time)).Outcome.Should().Be(TriggerOutcome.Fired);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Build_InMemoryCollectionKeys_BindLikeEnvironmentVariables()
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Triggers:All:0:Threshold:Metric"] = "accuracy",
                ["Triggers:All:0:Threshold:Below"] = "0.85",
                ["Triggers:All:1:Volume:MinGrowth"] = "0.2",
            })
            .Build()
            .GetSection("Triggers");
        var signals = new InMemorySignals();
        signals.RecordRetrain(Start.AddDays(-10), 1000);
        signals.AddLabeledRows(250);
        signals.Record("accuracy", 0.8);

        var result = await EvaluateAsync(TriggerConfiguration.Build(section), signals);

        result.Kind.Should().Be("All");
        result.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Build_CurrentCultureUsesDecimalComma_NumbersStillReadInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        try
        {
            CultureInfo.CurrentCulture = comma;
            var trigger = TriggerConfiguration.Build(Section("""{"Triggers":{"Threshold":{"Metric":"accuracy","Below":"0.85"}}}"""));
            var signals = new InMemorySignals();
            signals.Record("accuracy", 0.84);

            var result = await EvaluateAsync(trigger, signals);

            result.Threshold.Should().Be(0.85);
            result.Outcome.Should().Be(TriggerOutcome.Fired);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Build_NonPositiveMinNewRows_ErrorNamesPathInIssueFormat()
    {
        Failures("""{"Triggers":{"Any":[{"Threshold":{"Metric":"accuracy","Below":0.85}},{"Volume":{"MinNewRows":0}}]}}""")
            .Should().Equal("Triggers:Any:1:Volume:MinNewRows must be > 0");
    }

    [Fact]
    public void Build_UnknownSetting_ErrorListsKnownSettings()
    {
        Failures("""{"Triggers":{"Any":[{"Threshold":{"Metric":"accuracy","Blow":0.85}}]}}""")
            .Should().Contain("Triggers:Any:0:Threshold:Blow is not a known setting; expected one of Metric, Below, Above, Basis, MaxAge, Name");
    }

    [Fact]
    public void Build_UnknownKind_ErrorListsKinds()
    {
        Failures("""{"Triggers":{"Any":[{"Treshold":{"Metric":"accuracy","Below":0.85}}]}}""")
            .Should().Contain(f => f.StartsWith("Triggers:Any:0:Treshold is not a known trigger kind; expected Name or one of Threshold,", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Triggers:Any:0 names no trigger kind", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NodeWithTwoKinds_Error()
    {
        Failures("""{"Triggers":{"Threshold":{"Metric":"accuracy","Below":0.85},"Volume":{"MinNewRows":10}}}""")
            .Should().ContainSingle().Which.Should().StartWith("Triggers names 2 trigger kinds (Threshold, Volume)");
    }

    [Fact]
    public void Build_NodeWithOnlyName_ErrorNoKind()
    {
        Failures("""{"Triggers":{"Name":"lonely"}}""").Should().ContainSingle().Which.Should().StartWith("Triggers names no trigger kind");
    }

    [Fact]
    public void Build_MissingSection_Error()
    {
        Failures("""{"Other":{}}""").Should().ContainSingle().Which.Should().StartWith("Triggers is missing or empty");
    }

    [Fact]
    public void Build_NodeIsAValue_Error()
    {
        Failures("""{"Triggers":{"Any":["accuracy < 0.85"]}}""").Should().ContainSingle()
            .Which.Should().StartWith("Triggers:Any:0 must be a trigger object with one kind");
    }

    [Theory]
    [InlineData("""{"Triggers":{"Any":[]}}""", "Triggers:Any must list at least one trigger")]
    [InlineData("""{"Triggers":{"All":[]}}""", "Triggers:All must list at least one trigger")]
    [InlineData("""{"Triggers":{"Any":{"a":{"Volume":{"MinNewRows":1}}}}}""", "Triggers:Any must be a list (a JSON array) of trigger nodes, not an object with keys a")]
    [InlineData("""{"Triggers":{"Not":{}}}""", "Triggers:Not is empty; expected one trigger kind:")]
    public void Build_BadCombinator_ErrorNamesPath(string json, string expected)
    {
        Failures(json).Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Theory]
    [InlineData(3, "Triggers:AtLeast:Count must be between 1 and 2 (the number of triggers), not 3")]
    [InlineData(0, "Triggers:AtLeast:Count must be between 1 and 2 (the number of triggers), not 0")]
    [InlineData(-1, "Triggers:AtLeast:Count must be between 1 and 2 (the number of triggers), not -1")]
    public void Build_AtLeastCountOutOfRange_ErrorNamesPath(int count, string expected)
    {
        Failures("""{"Triggers":{"AtLeast":{"Count":%0%,"Of":[{"Threshold":{"Metric":"a","Above":1}},{"Threshold":{"Metric":"b","Above":1}}]}}}""".Replace("%0%", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Should().Equal(expected);
    }

    [Fact]
    public void Build_AtLeastWithoutCountOrOf_ErrorsForBoth()
    {
        Failures("""{"Triggers":{"AtLeast":{"Name":"x"}}}""").Should().BeEquivalentTo(
            "Triggers:AtLeast:Name is not a known setting; expected one of Count, Of",
            "Triggers:AtLeast:Of is required: the list of triggers of which at least Count must fire",
            "Triggers:AtLeast:Count is required: how many of the triggers in Of must fire");
    }

    [Theory]
    [InlineData("0 0 * *", "has 4 fields; expected 5")]
    [InlineData("0 0 * * * * *", "has 7 fields")]
    [InlineData("0 25 * * *", "is not a valid cron expression")]
    [InlineData("every day", "has 2 fields")]
    public void Build_InvalidCron_ErrorNamesPath(string cron, string problem)
    {
        Failures("""{"Triggers":{"Schedule":{"Cron":"%0%"}}}""".Replace("%0%", cron, StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().StartWith($"Triggers:Schedule:Cron '{cron}' ").And.Contain(problem);
    }

    [Fact]
    public void Build_UnknownTimeZone_ErrorNamesPath()
    {
        Failures("""{"Triggers":{"Schedule":{"Cron":"0 0 * * *","TimeZone":"Mars/Olympus_Mons"}}}""").Should().Equal(
            "Triggers:Schedule:TimeZone 'Mars/Olympus_Mons' is not a known time zone; use an IANA id such as Europe/Berlin (or UTC)");
    }

    [Theory]
    [InlineData("""{"Cron":"0 0 * * *","Interval":"1.00:00:00"}""", "Triggers:Schedule must set exactly one of Cron")]
    [InlineData("""{"MissedFire":"Skip"}""", "Triggers:Schedule must set exactly one of Cron")]
    [InlineData("""{"Interval":"1.00:00:00","TimeZone":"UTC"}""", "Triggers:Schedule:TimeZone applies only to Cron schedules")]
    [InlineData("""{"Interval":"00:00:00"}""", "Triggers:Schedule:Interval must be > 0")]
    [InlineData("""{"Interval":"36501.00:00:00"}""", "Triggers:Schedule:Interval must be at most 36500.00:00:00 (36500 days), not 36501.00:00:00")]
    [InlineData("""{"Interval":"3 days"}""", "Triggers:Schedule:Interval '3 days' is not a duration")]
    [InlineData("""{"Cron":"0 0 * * *","MissedFire":"Sometimes"}""", "Triggers:Schedule:MissedFire 'Sometimes' is not one of FireOnce, Skip")]
    [InlineData("""{"Cron":"0 0 * * *","MissedFire":"7"}""", "Triggers:Schedule:MissedFire '7' is not one of FireOnce, Skip")]
    [InlineData("""{"Cron":"0 0 * * *","GracePeriod":"-01:00:00"}""", "Triggers:Schedule:GracePeriod must be >= 0")]
    public void Build_BadSchedule_ErrorNamesPath(string settings, string expected)
    {
        Failures("""{"Triggers":{"Schedule":%0%}}""".Replace("%0%", settings, StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("""{"Metric":"accuracy","Below":"NaN"}""", "Triggers:Threshold:Below 'NaN' is not a finite number; write it with the invariant culture, e.g. 0.05")]
    [InlineData("""{"Metric":"accuracy","Below":"Infinity"}""", "Triggers:Threshold:Below 'Infinity' is not a finite number")]
    [InlineData("""{"Metric":"accuracy","Below":"0,85"}""", "Triggers:Threshold:Below '0,85' is not a finite number; write it with the invariant culture")]
    [InlineData("""{"Metric":"accuracy"}""", "Triggers:Threshold must set Below, Above, or both")]
    [InlineData("""{"Below":0.85}""", "Triggers:Threshold:Metric is required")]
    [InlineData("""{"Metric":" ","Below":0.85}""", "Triggers:Threshold:Metric is required")]
    [InlineData("""{"Metric":"accuracy","Below":0.85,"Basis":"Relative"}""", "Triggers:Threshold:Basis 'Relative' is not one of Absolute, BaselineFactor, BaselineOffset")]
    [InlineData("""{"Metric":"accuracy","Below":{"Value":1}}""", "Triggers:Threshold:Below must be a value, not a section")]
    public void Build_BadThreshold_ErrorNamesPath(string settings, string expected)
    {
        Failures("""{"Triggers":{"Threshold":%0%}}""".Replace("%0%", settings, StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void Build_BandWithBelowAboveAbove_FactoryRuleReportedAtNodePath()
    {
        Failures("""{"Triggers":{"Threshold":{"Metric":"latency","Below":300,"Above":100}}}""").Should().ContainSingle()
            .Which.Should().StartWith("Triggers:Threshold:Below (300) must not exceed Triggers:Threshold:Above (100)").And.NotContain("(Parameter");
    }

    [Theory]
    [InlineData("""{"Volume":{"MinGrowth":0}}""", "Triggers:Volume:MinGrowth must be > 0")]
    [InlineData("""{"Volume":{"MinNewRows":"many"}}""", "Triggers:Volume:MinNewRows 'many' is not a whole number")]
    [InlineData("""{"Volume":{"Match":"All"}}""", "Triggers:Volume must set MinNewRows, MinGrowth")]
    [InlineData("""{"Drift":{"Feature":"age"}}""", "Triggers:Drift must set ScoreAbove, MinLevel")]
    [InlineData("""{"Drift":{"MinLevel":"None"}}""", "Triggers:Drift:MinLevel must be Warning or Drift")]
    [InlineData("""{"Drift":{"ScoreAbove":-1}}""", "Triggers:Drift:ScoreAbove must be >= 0")]
    [InlineData("""{"Hysteresis":{"Metric":"psi","Enter":0.2}}""", "Triggers:Hysteresis:Exit is required")]
    [InlineData("""{"Sustained":{"Trigger":{"Volume":{"MinNewRows":1}}}}""", "Triggers:Sustained must set Duration")]
    [InlineData("""{"Sustained":{"Duration":"1.00:00:00"}}""", "Triggers:Sustained:Trigger is required")]
    [InlineData("""{"Sustained":{"Evaluations":0,"Trigger":{"Volume":{"MinNewRows":1}}}}""", "Triggers:Sustained:Evaluations must be > 0")]
    [InlineData("""{"Cooldown":{"Trigger":{"Volume":{"MinNewRows":1}}}}""", "Triggers:Cooldown:Period is required")]
    [InlineData("""{"Cooldown":{"Period":"1.00:00:00","Trigger":{"Volume":{"MinNewRows":-5}}}}""", "Triggers:Cooldown:Trigger:Volume:MinNewRows must be > 0")]
    public void Build_BadLeafOrModifier_ErrorNamesPath(string json, string expected)
    {
        Failures("""{"Triggers":%0%}""".Replace("%0%", json, StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void Build_ParseAndRangeErrors_BothStartWithTheFullKeyPath()
    {
        var section = Section("""
            {"RetrainTriggers":{"Triggers":{"Any":[{"Volume":{"MinNewRows":"many"}},{"Volume":{"MinNewRows":0}},{"Volume":{"MinNewRows":{"Value":1}}}]}}}
            """, "RetrainTriggers:Triggers");

        TriggerConfiguration.TryBuild(section, out _, out var failures).Should().BeFalse();

        failures.Should().Equal(
            "RetrainTriggers:Triggers:Any:0:Volume:MinNewRows 'many' is not a whole number",
            "RetrainTriggers:Triggers:Any:1:Volume:MinNewRows must be > 0",
            "RetrainTriggers:Triggers:Any:2:Volume:MinNewRows must be a value, not a section");
    }

    [Theory]
    [InlineData("""{"Sustained":{"Evaluations":"99999999999","Trigger":{"Volume":{"MinNewRows":1}}}}""", "Triggers:Sustained:Evaluations '99999999999' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("""{"Sustained":{"Duration":"1.00:00:00","ResetOnInsufficientData":"yes","Trigger":{"Volume":{"MinNewRows":1}}}}""", "Triggers:Sustained:ResetOnInsufficientData 'yes' is not true or false")]
    [InlineData("""{"Volume":{"MinGrowth":"1e400"}}""", "Triggers:Volume:MinGrowth '1e400' is not a finite number; write it with the invariant culture, e.g. 0.05")]
    [InlineData("""{"Cooldown":{"Period":"soon","Trigger":{"Volume":{"MinNewRows":1}}}}""", "Triggers:Cooldown:Period 'soon' is not a duration; use the invariant [d.]hh:mm:ss format, e.g. 3.00:00:00 for three days or 01:30:00")]
    public void Build_ValueThatDoesNotParse_UsesTheLibraryWording(string json, string expected)
    {
        Failures("""{"Triggers":%0%}""".Replace("%0%", json, StringComparison.Ordinal)).Should().Equal(expected);
    }

    [Fact]
    public void Build_DuplicateExplicitNames_ErrorNamesBothPaths()
    {
        Failures("""
            {"Triggers":{"Any":[{"Name":"acc","Threshold":{"Metric":"accuracy","Below":0.85}},{"Name":"acc","Volume":{"MinNewRows":10}}]}}
            """).Should().Equal(
            "Triggers:Any:1:Name: the trigger name 'acc' is already used by Triggers:Any:0:Name; names must be unique within one tree " +
            "because they key trigger state - give one of them a different Name");
    }

    [Fact]
    public void Build_DuplicateDefaultNames_ErrorAsksForName()
    {
        Failures("""
            {"Triggers":{"Any":[{"Threshold":{"Metric":"accuracy","Below":0.85}},{"Threshold":{"Metric":"accuracy","Below":0.85}}]}}
            """).Should().ContainSingle().Which.Should().StartWith("Triggers:Any:1: the trigger name ").And.Contain("already used by Triggers:Any:0");
    }

    [Fact]
    public void Build_NameGivenTwiceOrWithSlash_Error()
    {
        Failures("""{"Triggers":{"Name":"a","Threshold":{"Metric":"accuracy","Below":0.85,"Name":"b"}}}""")
            .Should().Equal("Triggers:Threshold:Name: the name is also given at Triggers:Name; give it once");
        Failures("""{"Triggers":{"Name":"a/b","Volume":{"MinNewRows":1}}}""")
            .Should().Equal("Triggers:Name 'a/b' must not contain '/': it separates the names in a trigger path");
    }

    [Fact]
    public void Build_ManyProblems_OneExceptionListsAll()
    {
        var act = () => TriggerConfiguration.Build(Section("""
            {"Triggers":{"Any":[
              {"Threshold":{"Metric":"accuracy","Blow":0.85}},
              {"Volume":{"MinNewRows":0}},
              {"AtLeast":{"Count":5,"Of":[{"Schedule":{"Cron":"0 0 * *"}}]}},
              {"Sustained":{"Duration":"3 days","Trigger":{"Drift":{"ScoreAbove":"NaN"}}}}
            ]}}
            """));

        var thrown = act.Should().Throw<OptionsValidationException>().Which;

        thrown.OptionsName.Should().Be("Triggers");
        thrown.Failures.Should().HaveCount(6);
        thrown.Failures.Should().Contain([
            "Triggers:Any:1:Volume:MinNewRows must be > 0",
            "Triggers:Any:3:Sustained:Trigger:Drift:ScoreAbove 'NaN' is not a finite number; write it with the invariant culture, e.g. 0.05",
        ]);
        thrown.Message.Should().Contain("Triggers:Any:0:Threshold:Blow").And.Contain("Triggers:Any:2:AtLeast:Of:0:Schedule:Cron")
            .And.Contain("Triggers:Any:3:Sustained:Duration");
    }

    [Fact]
    public void Build_KeysInOtherCase_AreAccepted()
    {
        var trigger = TriggerConfiguration.Build(Section("""{"triggers":{"any":[{"threshold":{"metric":"accuracy","below":0.85,"basis":"absolute"}}]}}"""));

        trigger.Kind.Should().Be("Any");
    }

    [Fact]
    public void Build_NullSection_Throws()
    {
        FluentActions.Invoking(() => TriggerConfiguration.Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("section");
    }

    [Fact]
    public async Task Build_MaxAge_ReadsTheDurationAndMakesStaleReadingsInsufficient()
    {
        var trigger = TriggerConfiguration.Build(Section(
            """{"Triggers":{"Threshold":{"Metric":"accuracy","Below":0.85,"MaxAge":"1.00:00:00"}}}"""));
        var signals = new InMemorySignals();
        signals.Record("accuracy", 0.8, Start.AddDays(-2));

        var result = await EvaluateAsync(trigger, signals);

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("accuracy is 2.00:00:00 old, older than MaxAge 1.00:00:00");
    }

    [Fact]
    public async Task Build_NegativeBaselineOffset_IsAcceptedLikeTheCodeFactory()
    {
        // "More than 0.05 below the baseline": the same options the code factory accepts.
        var trigger = TriggerConfiguration.Build(Section(
            """{"Triggers":{"Threshold":{"Metric":"accuracy","Below":-0.05,"Basis":"BaselineOffset"}}}"""));
        var signals = new InMemorySignals();
        signals.RecordRetrain(Start, 1000, new Dictionary<string, double> { ["accuracy"] = 0.9 });
        signals.Record("accuracy", 0.84);

        var result = await EvaluateAsync(trigger, signals);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be("accuracy 0.84 < 0.85 (baseline 0.9 - 0.05)");
    }

    [Theory]
    [InlineData("""{"Threshold":{"Metric":"r2","Below":-0.5}}""")]
    [InlineData("""{"Threshold":{"Metric":"loglik","Below":-120,"Above":-80}}""")]
    [InlineData("""{"Hysteresis":{"Metric":"accuracy","Basis":"BaselineOffset","Enter":-0.05,"Exit":-0.02}}""")]
    public void Build_NegativeThresholds_AcceptedExactlyAsInCode(string json)
    {
        var act = () => TriggerConfiguration.Build(Section("""{"Triggers":%0%}""".Replace("%0%", json, StringComparison.Ordinal)));

        act.Should().NotThrow();
    }

    private static IConfigurationSection NestedNots(int depth)
    {
        var key = new StringBuilder("Triggers");
        for (var i = 0; i < depth; i++)
        {
            key.Append(":Not");
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [key + ":Volume:MinNewRows"] = "10",
            })
            .Build();
        return configuration.GetSection("Triggers");
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000)]
    public void Build_NotsNestedThousandsDeep_FailsWithOneShortErrorInsteadOfOverflowingTheStack(int depth)
    {
        var act = () => TriggerConfiguration.Build(NestedNots(depth));

        var thrown = act.Should().Throw<OptionsValidationException>().Which;
        thrown.Failures.Should().ContainSingle().Which.Should().Contain("is nested deeper than 256 levels");
        thrown.Message.Length.Should().BeLessThan(1_000);
    }

    [Fact]
    public void Build_NotsNestedWithinTheLimit_Builds()
    {
        var trigger = TriggerConfiguration.Build(NestedNots(200));

        trigger.Kind.Should().Be("Not");
    }

    [Fact]
    public void Build_ManyBadNodes_ListsTheFirstTenAndCountsTheRest()
    {
        var nodes = string.Join(",", Enumerable.Range(0, 25).Select(_ => """{"Volume":{"MinNewRows":0}}"""));

        var failures = Failures("""{"Triggers":{"Any":[%0%]}}""".Replace("%0%", nodes, StringComparison.Ordinal));

        failures.Should().HaveCount(11);
        failures[0].Should().Be("Triggers:Any:0:Volume:MinNewRows must be > 0");
        failures[10].Should().Be("and 15 more problems");
    }

    [Fact]
    public void Build_SameRuleAsCode_SameMessageUnderTheConfigurationPath()
    {
        var code = () => Trigger.Volume(new VolumeOptions { MinNewRows = 0, MinGrowth = 0 });

        code.Should().Throw<ArgumentException>()
            .WithMessage("Invalid Volume options: Volume:MinNewRows must be > 0; Volume:MinGrowth must be > 0 (a fraction: 0.2 = 20%).*");
        Failures("""{"Triggers":{"Volume":{"MinNewRows":0,"MinGrowth":0}}}""").Should().Equal(
            "Triggers:Volume:MinNewRows must be > 0",
            "Triggers:Volume:MinGrowth must be > 0 (a fraction: 0.2 = 20%)");
    }
}
