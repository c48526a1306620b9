using Wayfinder.Text;
using Xunit;

namespace Wayfinder.Core.Tests.Text;

public sealed class TaskListTests
{
    [Theory]
    [InlineData("quantize it and then serve it")]
    [InlineData("set up drift alerts and also prune it")]
    [InlineData("write post-mortems for incidents and set up alerting")]
    [InlineData("tracking as well as a pipeline")]
    [InlineData("Two things: drift alerts, and pruning")]
    [InlineData("First the dashboards, second the canary")]
    public void IsTaskList_SeveralTasks_True(string text) =>
        Assert.True(TaskList.IsTaskList(TextNormalizer.Tokenize(text)));

    [Theory]
    [InlineData("set up Prometheus and Grafana dashboards for our model-serving fleet")]
    [InlineData("the server is slow and the GPU sits idle")]
    [InlineData("first time deploying a model")]
    [InlineData("")]
    public void IsTaskList_OneTaskWithContext_False(string text) =>
        Assert.False(TaskList.IsTaskList(TextNormalizer.Tokenize(text)));
}
