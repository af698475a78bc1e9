// Namespaces most files of this project use, imported once here so each file lists only what is particular to it.
global using Amazon.S3;
global using Stagecraft.Aws.Cli;
global using Stagecraft.Aws.Ec2;
global using Stagecraft.Aws.Polling;
global using Stagecraft.Aws.Sdk;
global using Stagecraft.Aws.Targets;
global using Stagecraft.Aws.Tools;
global using Stagecraft.Host.Processes;
global using System.Text.RegularExpressions;
