/* stdio file I/O in the current directory (the harness gives an empty one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>

int main(void)
{
    FILE *f = fopen("data.txt", "w");
    for (int i = 0; i < 1000; i++)
        fprintf(f, "line %d %x %.3f\n", i, i * i, i / 7.0);
    fclose(f);
    struct stat st;
    stat("data.txt", &st);
    printf("size %lld\n", (long long)st.st_size);
    f = fopen("data.txt", "r");
    char line[100];
    long sum = 0;
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        int a;
        unsigned b;
        double c;
        if (sscanf(line, "line %d %x %lf", &a, &b, &c) == 3)
            sum += a + (long)b + (long)(c * 1000);
        n++;
    }
    printf("lines %d sum %ld\n", n, sum);
    fseek(f, -20, SEEK_END);
    printf("tail at %ld: %s", ftell(f), fgets(line, sizeof line, f));
    rewind(f);
    printf("first char %c\n", fgetc(f));
    fclose(f);
    f = fopen("data.txt", "a+");
    fputs("appended\n", f);
    fseek(f, 0, SEEK_SET);
    fgets(line, sizeof line, f);
    printf("after append, first line still: %s", line);
    fclose(f);
    rename("data.txt", "moved.txt");
    printf("fopen old name: %s\n", fopen("data.txt", "r") ? "found" : strerror(errno));
    mkdir("sub", 0755);
    f = fopen("sub/b", "wb");
    unsigned char bin[256];
    for (int i = 0; i < 256; i++)
        bin[i] = (unsigned char)i;
    fwrite(bin, 1, sizeof bin, f);
    fclose(f);
    f = fopen("sub/b", "rb");
    memset(bin, 0, sizeof bin);
    size_t got = fread(bin, 1, 300, f);
    printf("fread %zu bytes, last %d, eof %d\n", got, bin[255], feof(f));
    fclose(f);
    DIR *d = opendir(".");
    int entries = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        entries++;
    closedir(d);
    printf("entries in cwd %d\n", entries);
    unlink("sub/b");
    rmdir("sub");
    unlink("moved.txt");
    char cwdbuf[4096];
    printf("cwd readable: %s\n", getcwd(cwdbuf, sizeof cwdbuf) ? "yes" : "no");
    fprintf(stderr, "to stderr\n");
    return 0;
}
