// Namespaces most files of this project use, imported once here so each file lists only what is particular to it.
global using System.Diagnostics;
