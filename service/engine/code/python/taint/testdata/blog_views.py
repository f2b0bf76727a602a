import json
import os
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView, ListView
from .models import Article, Comment
from .forms import CommentForm

def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    return render(request, "article.html", {"article": article})

@login_required
def comment(request, article_id):
    article = get_object_or_404(Article, pk=article_id)
    form = CommentForm(request.POST or None)
    if form.is_valid():
        c = form.save(commit=False)
        c.article = article
        c.save()
        return redirect(article.get_absolute_url())
    return render(request, "comment.html", {"form": form})

def search(request):
    q = request.GET.get("q", "")
    articles = Article.objects.filter(title__icontains=q)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM blog_article WHERE title LIKE %s", ["%" + q + "%"])
        count = cursor.fetchone()[0]
    return render(request, "search.html", {"articles": articles, "count": count, "q": q})

def api_articles(request):
    data = [{"title": a.title, "slug": a.slug} for a in Article.objects.all()]
    return JsonResponse({"articles": data})

def api_create(request):
    body = json.loads(request.body)
    a = Article.objects.create(title=body["title"], slug=body["slug"])
    return JsonResponse({"id": a.pk}, status=201)

def logout_view(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("home")
    return HttpResponseRedirect(next_url)

def download(request, pk):
    article = get_object_or_404(Article, pk=pk)
    path = os.path.join("/srv/pdf", f"{article.pk}.pdf")
    if not os.path.exists(path):
        raise Http404
    with open(path, "rb") as fh:
        return HttpResponse(fh.read(), content_type="application/pdf")

class ArticleList(ListView):
    model = Article
    def get_queryset(self):
        qs = super().get_queryset()
        tag = self.request.GET.get("tag")
        if tag:
            qs = qs.filter(tags__name=tag)
        return qs.order_by(self.request.GET.get("order", "-created"))

class ArticleDetail(DetailView):
    model = Article
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return render(request, "article.html", {"article": self.object, "slug": kwargs.get("slug")})

def ping(request):
    return HttpResponse("pong")

def health(request):
    return HttpResponse(json.dumps({"ok": True}), content_type="application/json")
