/* The environment through glibc: getenv, setenv, unsetenv, environ. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("arg %d: %s\n", i, argv[i]);
    const char *names[] = {"HOME", "LANG", "TZ", "PATH", "NOT_SET"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        printf("%s=%s\n", names[i], getenv(names[i]) ? getenv(names[i]) : "(unset)");
    setenv("NEWVAR", "one", 0);
    setenv("NEWVAR", "two", 0);
    printf("NEWVAR=%s\n", getenv("NEWVAR"));
    setenv("NEWVAR", "three", 1);
    printf("NEWVAR=%s\n", getenv("NEWVAR"));
    unsetenv("HOME");
    printf("HOME after unsetenv: %s\n", getenv("HOME") ? "set" : "(unset)");
    int n = 0;
    for (char **e = environ; *e; e++)
        n++;
    printf("environ entries %d\n", n);
    return 0;
}
