using Rota.Cli;
using Rota.Examples;

// The full `rota` command line, with the examples' handler kinds registered on every Rota builder it makes.
return await CliApp.RunAsync(args, Console.Out, Console.Error, ExampleHandlers.Register);
