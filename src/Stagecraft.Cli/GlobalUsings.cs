// Namespaces most files of this project use, imported once here so each file lists only what is particular to it.
global using Spectre.Console;
global using Stagecraft.Cli.Hosting;
global using Stagecraft.Cli.Rendering;
global using Stagecraft.Core.Sessions;
global using Stagecraft.Local.Agent;
global using Stagecraft.Local.Agent.Control;
global using Stagecraft.Local.Agent.Protocol;
global using System.CommandLine;
